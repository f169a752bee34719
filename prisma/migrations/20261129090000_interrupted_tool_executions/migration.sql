-- A tool call whose process stopped mid-call (a killed worker) is closed as INTERRUPTED by the
-- sweeper or the run's next attempt, instead of staying RUNNING forever.
ALTER TYPE "ToolExecutionStatus" ADD VALUE 'INTERRUPTED';
