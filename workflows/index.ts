// Entry point bundled by the Temporal worker: every workflow type, one per file.
export { campaignWorkflow } from './campaign/campaign.workflow';
