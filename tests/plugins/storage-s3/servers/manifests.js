'use strict';
// Deterministic data-inventory manifests (the fields of DESIGN.md's manifest.json), so tests and the
// benchmark can tell each day's object apart and check its content.

function isoDate(d) {
  return d.toISOString().slice(0, 10);
}

// `count` consecutive calendar days from `from` ("2024-01-01"), as "YYYY-MM-DD".
function days(from, count) {
  const out = [];
  const start = new Date(`${from}T00:00:00Z`);
  for (let i = 0; i < count; i++) out.push(isoDate(new Date(start.getTime() + i * 86400000)));
  return out;
}

// The object key of a feed's manifest for one day: <feed>/<yyyy>/<mm>/<dd>/manifest.json.
function manifestKey(feed, date) {
  return `${feed}/${date.slice(0, 4)}/${date.slice(5, 7)}/${date.slice(8, 10)}/manifest.json`;
}

// `overrides` replaces fields (or adds unknown ones), for manifests that must differ from the usual day.
function manifest(feed, date, overrides = {}) {
  const day = Number(date.replace(/-/g, ''));
  const records = 100000 + (day % 9973) * 17;
  return JSON.stringify({
    feed,
    date,
    data_type: 'trades',
    schema_version: 'v1',
    status: 'complete',
    record_count: records,
    byte_size: records * 48,
    first_timestamp: `${date}T00:00:00.125Z`,
    last_timestamp: `${date}T23:59:59.875Z`,
    gaps: [],
    quality_score: 1.0,
    connector_version: '0.1.0',
    created_at: `${date}T23:59:59Z`,
    ...overrides,
  });
}

module.exports = { days, manifestKey, manifest };
