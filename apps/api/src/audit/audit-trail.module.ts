import { Global, Module } from '@nestjs/common';
import { AuditAnchorSweep } from './anchor-sweep.service';
import { AuditTrail } from './audit-trail.service';

/** Global: campaigns and files both write the API's own audit records; the sweep anchors those Temporal missed. */
@Global()
@Module({ providers: [AuditTrail, AuditAnchorSweep], exports: [AuditTrail, AuditAnchorSweep] })
export class AuditTrailModule {}
