-- Audit trail: the API key, address and status of the request behind each entry, the values a
-- configuration change replaced and set, and an index for each filter of GET /v1/audit-log.

-- AlterTable
ALTER TABLE "audit_logs" ADD COLUMN "api_key_id" UUID,
    ADD COLUMN "before" JSONB,
    ADD COLUMN "after" JSONB,
    ADD COLUMN "ip" TEXT,
    ADD COLUMN "status_code" INTEGER;

-- The list pages by (created_at, id): the id joins the organization's time index.
DROP INDEX "audit_logs_organization_id_created_at_idx";
CREATE INDEX "audit_logs_organization_id_created_at_id_idx" ON "audit_logs"("organization_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "audit_logs_organization_id_action_created_at_idx" ON "audit_logs"("organization_id", "action", "created_at");
CREATE INDEX "audit_logs_organization_id_actor_user_id_created_at_idx" ON "audit_logs"("organization_id", "actor_user_id", "created_at");
CREATE INDEX "audit_logs_organization_id_target_type_target_id_created_at_idx" ON "audit_logs"("organization_id", "target_type", "target_id", "created_at");
CREATE INDEX "audit_logs_organization_id_request_id_idx" ON "audit_logs"("organization_id", "request_id");
