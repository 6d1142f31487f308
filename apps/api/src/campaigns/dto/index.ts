export * from './start-campaign.dto';
export * from './task-action.dto';
