/** cytoscape-elk ships no types: it is a Cytoscape extension registered with `cytoscape.use`. */
declare module 'cytoscape-elk' {
  const extension: cytoscape.Ext;
  export default extension;
}

/** Stylesheets are bundled by esbuild into app.css. */
declare module '*.css';
