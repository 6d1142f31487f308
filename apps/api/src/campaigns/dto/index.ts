export * from './start-campaign.dto';
export * from './task-action.dto';
export * from './campaign-responses.dto';
