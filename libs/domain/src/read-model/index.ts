export * from './rows';
export * from './projection';
