-- CreateEnum
CREATE TYPE "RunMode" AS ENUM ('SYNC', 'ASYNC');

-- AlterTable
ALTER TABLE "agent_runs" ADD COLUMN     "cancel_requested_at" TIMESTAMPTZ(3),
ADD COLUMN     "mode" "RunMode" NOT NULL DEFAULT 'SYNC';
