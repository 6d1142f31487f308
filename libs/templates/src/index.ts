/** @eco/templates: the seed work plans (loader, registry) and the Excel indicator table import/export. */
export * from './template-loader';
export * from './xlsx/custom-template';
export * from './xlsx/indicator-table-xlsx';
