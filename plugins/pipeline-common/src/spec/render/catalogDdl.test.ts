import { renderCatalogDdl } from './catalogDdl';

describe('renderCatalogDdl', () => {
  it('quotes the name and every option literal', () => {
    expect(
      renderCatalogDdl('lake', { type: 'paimon', 's3.secret-key': "a'b" }),
    ).toBe(
      "CREATE CATALOG IF NOT EXISTS `lake` WITH (\n  'type' = 'paimon',\n  's3.secret-key' = 'a''b'\n)",
    );
  });

  it('refuses an unsafe catalog name', () => {
    expect(() => renderCatalogDdl('lake`; DROP', { type: 'paimon' })).toThrow();
  });
});
