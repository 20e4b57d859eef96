"""`mailvox bench ...`: measurements written as JSON, summarized in the README."""
