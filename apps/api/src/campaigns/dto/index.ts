export * from './start-campaign.dto';
export * from './task-action.dto';
export * from './plan-rules.dto';
export * from './campaign-responses.dto';
export * from './command-bodies';
