"""Tools over whole disclosures: year-over-year diff, consolidation of unit documents into the
department's tables, synthetic disclosures with injected defects, and the finance bureau's
review checklist. Each is a plain function over models and findings; the CLI is a thin layer."""
