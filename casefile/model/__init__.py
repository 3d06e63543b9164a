"""Stage 2, the model: typed objects (objects), vocabularies, dates, calendars and money;
linking validated records into them (link, link_records, link_dates), then the computed
rollups (deadlines, views)."""
