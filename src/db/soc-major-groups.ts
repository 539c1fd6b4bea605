/** SOC 2018 major groups (BLS, https://www.bls.gov/soc/2018/major_groups.htm): the occupations' tracks. */
export const SOC_MAJOR_GROUPS: Record<string, string> = {
  '11': 'Management',
  '13': 'Business and financial operations',
  '15': 'Computer and mathematical',
  '17': 'Architecture and engineering',
  '19': 'Life, physical, and social science',
  '21': 'Community and social service',
  '23': 'Legal',
  '25': 'Educational instruction and library',
  '27': 'Arts, design, entertainment, sports, and media',
  '29': 'Healthcare practitioners and technical',
  '31': 'Healthcare support',
  '33': 'Protective service',
  '35': 'Food preparation and serving related',
  '37': 'Building and grounds cleaning and maintenance',
  '39': 'Personal care and service',
  '41': 'Sales and related',
  '43': 'Office and administrative support',
  '45': 'Farming, fishing, and forestry',
  '47': 'Construction and extraction',
  '49': 'Installation, maintenance, and repair',
  '51': 'Production',
  '53': 'Transportation and material moving',
  '55': 'Military specific',
};

/** A SOC major group's name ("Healthcare support"), or null for a code BLS does not list. */
export const socMajorGroupName = (majorGroup: string): string | null => SOC_MAJOR_GROUPS[majorGroup] ?? null;
