#!/usr/bin/env node
// Writes data/sources/iso_3166-2_subdivisions.csv: the first-level subdivisions of ISO 3166-2 of every country, with
// English and Spanish names, from Debian's iso-codes package. Run by hand when iso-codes changes (the platform reads
// the CSV, never iso-codes):
//   node scripts/data/iso-3166-2.mjs [--iso-codes /usr/share/iso-codes/json/iso_3166-2.json] [--mo /usr/share/locale/es/LC_MESSAGES/iso_3166-2.mo]
// Then record the iso-codes version in data/sources/PROVENANCE.md.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({
  options: {
    'iso-codes': { type: 'string', default: '/usr/share/iso-codes/json/iso_3166-2.json' },
    mo: { type: 'string', default: '/usr/share/locale/es/LC_MESSAGES/iso_3166-2.mo' },
    out: { type: 'string', default: join(root, 'data', 'sources', 'iso_3166-2_subdivisions.csv') },
  },
});

/**
 * The translations of a gettext .mo file: magic, revision, count, offset of the original strings' table and of the
 * translations' table; each table holds (length, offset) pairs of 32-bit integers, in the file's byte order.
 */
function readMo(file) {
  const buf = readFileSync(file);
  const magic = buf.readUInt32LE(0);
  const little = magic === 0x950412de;
  if (!little && magic !== 0xde120495) throw new Error(`${file} is not a gettext .mo file`);
  const u32 = (at) => (little ? buf.readUInt32LE(at) : buf.readUInt32BE(at));
  const count = u32(8);
  const originals = u32(12);
  const translations = u32(16);
  const text = (table, i) => buf.toString('utf8', u32(table + i * 8 + 4), u32(table + i * 8 + 4) + u32(table + i * 8));
  const out = new Map();
  for (let i = 0; i < count; i++) {
    const msgid = text(originals, i);
    // Plural forms and contexts are not used by iso-codes' territory names; the empty msgid is the header.
    if (msgid && !msgid.includes('\u0000') && !msgid.includes('\u0004')) out.set(msgid, text(translations, i));
  }
  return out;
}

const csvCell = (v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

const subdivisions = JSON.parse(readFileSync(values['iso-codes'], 'utf8'))['3166-2'];
const spanish = readMo(values.mo);

// ISO 3166-2 entries that ISO 3166-1 also codes as countries of their own (ISO's "included also as a separate country
// code element"), with that country's alpha-2: the org-unit tree already holds them as countries, under their UN region.
const CODED_AS_COUNTRIES = {
  'CN-HK': 'HK', 'CN-MO': 'MO', 'CN-TW': 'TW', 'FI-01': 'AX',
  'FR-BL': 'BL', 'FR-GF': 'GF', 'FR-GP': 'GP', 'FR-MF': 'MF', 'FR-MQ': 'MQ', 'FR-NC': 'NC', 'FR-PF': 'PF', 'FR-PM': 'PM',
  'FR-RE': 'RE', 'FR-TF': 'TF', 'FR-WF': 'WF', 'FR-YT': 'YT',
  'NL-AW': 'AW', 'NL-BQ1': 'BQ', 'NL-BQ2': 'BQ', 'NL-BQ3': 'BQ', 'NL-CW': 'CW', 'NL-SX': 'SX',
  'NO-21': 'SJ', 'NO-22': 'SJ',
  'US-AS': 'AS', 'US-GU': 'GU', 'US-MP': 'MP', 'US-PR': 'PR', 'US-UM': 'UM', 'US-VI': 'VI',
};

// Countries of the org-unit tree (those of country-codes.csv with an M49 code, as the seed takes them), by alpha-2.
const countries = new Set();
for (const r of parse(readFileSync(join(root, 'data', 'sources', 'country-codes.csv'), 'utf8').replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true })) {
  const iso2 = (r['ISO3166-1-Alpha-2'] ?? '').trim().toUpperCase();
  if (/^[A-Z]{2}$/.test(iso2) && (r['M49'] ?? '').trim()) countries.add(iso2);
}
const alsoACountry = (s) => countries.has(CODED_AS_COUNTRIES[s.code]);

const kept = [];
const left = { notFirstLevel: 0, countryOutsideTree: new Set(), alsoACountry: [] };
for (const s of subdivisions) {
  if (s.parent) {
    left.notFirstLevel++;
    continue;
  }
  const country = s.code.split('-')[0];
  if (!countries.has(country)) {
    left.countryOutsideTree.add(country);
    continue;
  }
  if (alsoACountry(s)) {
    left.alsoACountry.push(`${s.code} ${s.name}`);
    continue;
  }
  kept.push({ country, code: s.code, type: s.type, nameEn: s.name, nameEs: spanish.get(s.name) || s.name });
}
kept.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

const lines = ['country_iso2,code,type,name_en,name_es', ...kept.map((k) => [k.country, k.code, k.type, k.nameEn, k.nameEs].map(csvCell).join(','))];
mkdirSync(dirname(values.out), { recursive: true });
writeFileSync(values.out, lines.join('\n') + '\n');

const translated = kept.filter((k) => k.nameEs !== k.nameEn).length;
console.log(`${kept.length} first-level subdivisions of ${new Set(kept.map((k) => k.country)).size} countries written to ${values.out}`);
console.log(`  Spanish name different from the English one: ${translated}`);
console.log(`  left out: ${left.notFirstLevel} below the first level`);
console.log(`  left out: ${left.alsoACountry.length} coded as countries of their own: ${left.alsoACountry.join('; ')}`);
if (left.countryOutsideTree.size) console.log(`  left out: countries not in country-codes.csv: ${[...left.countryOutsideTree].join(' ')}`);
