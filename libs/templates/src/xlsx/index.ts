export * from './indicator-table-xlsx';
export * from './custom-template';
