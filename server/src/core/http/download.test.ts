import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { contentDisposition, encodeRfc8187, nameForType } from './download.js';

/** Issue 12, finding 9: the one writer of Content-Disposition. */
describe('Content-Disposition', () => {
  it('encodes every byte outside RFC 8187 attr-char, and decodes back to the name (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (name) => {
        const encoded = encodeRfc8187(name);
        expect(encoded).toMatch(/^[A-Za-z0-9!#$&+\-.^_`|~%]*$/);
        expect(decodeURIComponent(encoded)).toBe(name);
      }),
    );
    expect(encodeRfc8187("d'Ana (1)*.pdf")).toBe('d%27Ana%20%281%29%2A.pdf');
  });
  it('keeps a plain ASCII name as it is, and adds filename* only when the name needs it', () => {
    expect(contentDisposition('person-1.json')).toBe('attachment; filename="person-1.json"');
    expect(contentDisposition('informe "final"\r\nX: y.pdf')).toBe(`attachment; filename="informe _final___X_ y.pdf"; filename*=UTF-8''informe%20%22final%22%0D%0AX%3A%20y.pdf`);
    expect(contentDisposition('Petén.csv')).toBe(`attachment; filename="Peten.csv"; filename*=UTF-8''Pet%C3%A9n.csv`);
  });
  it('names a file with the extension of its verified type', () => {
    expect(nameForType('poly.html', 'application/pdf')).toBe('poly.pdf');
    expect(nameForType('foto', 'image/jpeg')).toBe('foto.jpg');
    expect(nameForType('.htaccess', 'image/png')).toBe('file.png');
    expect(nameForType('datos.csv', 'text/csv; charset=utf-8')).toBe('datos.csv');
  });
});
