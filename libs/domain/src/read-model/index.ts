export * from './rows';
export * from './projection';
export * from './campaign-detail';
