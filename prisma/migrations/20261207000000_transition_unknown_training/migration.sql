-- A curated move that may ask training or a certification no source describes (a medical assistant
-- specialising in cardiology or pediatrics): in words, so that its length and cost are said to be
-- unknown rather than counted as none.
ALTER TABLE "transition" ADD COLUMN "unknown_training" TEXT;
ALTER TABLE "transition" ADD CONSTRAINT "transition_unknown_training_not_blank"
    CHECK ("unknown_training" IS NULL OR length(btrim("unknown_training")) > 0);
