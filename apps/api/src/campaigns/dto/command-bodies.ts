/**
 * The request body of each command's route, one per command of the registry (@eco/domain COMMANDS): a mapped type
 * over CommandType, so a new command does not compile until it has its body here; the route spec checks that each
 * controller route takes exactly this body.
 */
import type { Type } from '@nestjs/common';
import type { CommandType } from '@eco/domain';
import { ConfirmJointDto, LiftVetoBlockDto, VetoFindingDto } from './plan-rules.dto';
import {
  AddApproverDto,
  ApproveTaskDto,
  ClosePhaseDto,
  ExternalResultDto,
  MoveDeadlinesDto,
  OptionalReasonDto,
  ReasonDto,
  RectificationDto,
  ReturnTaskDto,
  SubmitTaskDto,
  TransferTaskDto,
} from './task-action.dto';

export const COMMAND_BODIES: { readonly [T in CommandType]: Type<unknown> } = {
  submit: SubmitTaskDto,
  approve: ApproveTaskDto,
  return: ReturnTaskDto,
  transfer: TransferTaskDto,
  addApprover: AddApproverDto,
  moveDeadlines: MoveDeadlinesDto,
  pause: ReasonDto,
  resume: OptionalReasonDto,
  closePhase: ClosePhaseDto,
  recordExternalResult: ExternalResultDto,
  openRectification: RectificationDto,
  cancel: ReasonDto,
  confirmJoint: ConfirmJointDto,
  recordVetoFinding: VetoFindingDto,
  liftVetoBlock: LiftVetoBlockDto,
};
