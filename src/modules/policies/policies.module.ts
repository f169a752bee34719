import { Module } from '@nestjs/common';
import { CircuitBreakers } from './circuit-breakers';
import { OrganizationRunLimits } from './organization-run-limits';
import { OrganizationRunSlots } from './organization-run-slots';
import { RunRateLimiter } from './run-rate-limiter';

@Module({
  providers: [CircuitBreakers, RunRateLimiter, OrganizationRunLimits, OrganizationRunSlots],
  exports: [CircuitBreakers, RunRateLimiter, OrganizationRunSlots],
})
export class PoliciesModule {}
