"""Open data: Open Referral UK (HSDS 3.0) JSON, CSV, a JSON dump, schema.org JSON-LD and
iCalendar files, all built from the validated model."""
