-- Data governance: exports of an organization's data (a zip built by a worker, kept until it
-- expires), and the indexes the retention sweep reads by age, so each batch it purges is found
-- through an index instead of a scan of the whole table.

-- CreateEnum
CREATE TYPE "DataExportStatus" AS ENUM ('PENDING', 'RUNNING', 'READY', 'FAILED', 'EXPIRED');

-- CreateTable
CREATE TABLE "data_exports" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "requested_by_id" UUID,
    "status" "DataExportStatus" NOT NULL DEFAULT 'PENDING',
    "tables" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "file_name" TEXT,
    "size_bytes" BIGINT,
    "sha256" TEXT,
    "manifest" JSONB,
    "error_message" TEXT,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "data_exports_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "data_exports_organization_id_created_at_id_idx" ON "data_exports"("organization_id", "created_at" DESC, "id");
CREATE INDEX "data_exports_status_expires_at_idx" ON "data_exports"("status", "expires_at");
CREATE INDEX "data_exports_requested_by_id_idx" ON "data_exports"("requested_by_id");

-- AddForeignKey
ALTER TABLE "data_exports" ADD CONSTRAINT "data_exports_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "data_exports" ADD CONSTRAINT "data_exports_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Retention: rows found by age.
CREATE INDEX "audit_logs_created_at_idx" ON "audit_logs"("created_at");
CREATE INDEX "run_events_created_at_idx" ON "run_events"("created_at");
-- Only steps with something left to purge: a model call's row stays for billing with its payload
-- cleared, and then leaves this index, so the sweep never walks the years of kept rows again.
CREATE INDEX "tool_executions_started_at_idx" ON "tool_executions"("started_at")
    WHERE "model" IS NULL OR "output" IS NOT NULL OR "error_message" IS NOT NULL OR "input" <> '{}'::jsonb;
-- Only soft-deleted content: live content has none.
CREATE INDEX "contents_deleted_at_idx" ON "contents"("deleted_at") WHERE "deleted_at" IS NOT NULL;
CREATE INDEX "campaign_metrics_occurred_at_idx" ON "campaign_metrics"("occurred_at");
