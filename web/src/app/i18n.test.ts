import { beforeAll, describe, expect, it } from 'vitest';
import { hasMessage, loadCatalogues, translate } from './i18n';

describe('the web’s messages', () => {
  beforeAll(async () => {
    await loadCatalogues('es');
    await loadCatalogues('fr');
  });

  it('chooses plural forms with the locale’s rules (the formatter the server uses)', () => {
    expect(translate('es', 'picker.results', { count: 1 })).toBe('1 resultado');
    expect(translate('es', 'picker.results', { count: 3 })).toBe('3 resultados');
    // French counts 0 and 1 as singular
    expect(translate('fr', 'picker.results', { count: 0 })).toBe('0 résultat');
    expect(translate('fr', 'picker.results', { count: 2 })).toBe('2 résultats');
  });

  it('puts parameters in, and leaves a missing one visible', () => {
    expect(translate('es', 'persons.count', { count: 4 })).toBe('4 personas');
    expect(translate('es', 'persons.count', {})).toBe('{count} personas');
  });

  it('knows every module’s navigation texts before its catalogue is loaded', () => {
    expect(translate('es', 'nav.evidence')).toBe('Evidencia');
    expect(translate('fr', 'nav.remittances')).toBe('Envois de fonds');
    expect(hasMessage('es', 'nav.reintegration.description')).toBe(true);
  });

  it('shows the key of a message nobody wrote', () => {
    expect(translate('es', 'no.such.key')).toBe('no.such.key');
    expect(hasMessage('es', 'no.such.key')).toBe(false);
  });
});
