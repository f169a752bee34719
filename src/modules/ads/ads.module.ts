import { Module } from '@nestjs/common';
import { AdsAgent } from './ads.agent';
import { BudgetExecuteAgent } from './budget-execute.agent';
import { BudgetChangesRepository } from './persistence/budget-changes.repository';

/**
 * The ads agent and its budget-execute stage (plug-ins: the agent registry finds them by their
 * decorators), with the BudgetChange rows they write. The same in the API and the worker.
 */
@Module({ providers: [BudgetChangesRepository, AdsAgent, BudgetExecuteAgent] })
export class AdsModule {}
