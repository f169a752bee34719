import { Module } from '@nestjs/common';
import { CircuitBreakers } from './circuit-breakers';
import { RunRateLimiter } from './run-rate-limiter';

@Module({ providers: [CircuitBreakers, RunRateLimiter], exports: [CircuitBreakers, RunRateLimiter] })
export class PoliciesModule {}
