-- A second schema version used only by SchemaLadderTest: a released V2 would sit in main.
ALTER TABLE campaign_vm ADD COLUMN notes TEXT;
UPDATE campaign_vm SET notes = 'migrated from ' || state;
