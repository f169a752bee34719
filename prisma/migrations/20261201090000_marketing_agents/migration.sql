-- Marketing agents: per-organization agent configuration, campaigns, and the rows the agents
-- write (content and its versions, email sequences, messages and conversations, social posts,
-- A/B tests, keywords, the editorial calendar, leads, suppressions and consent, trend insights,
-- ad budget changes).

-- CreateEnum
CREATE TYPE "CampaignStatus" AS ENUM ('DRAFT', 'LAUNCHING', 'ACTIVE', 'COMPLETED', 'FAILED');
CREATE TYPE "ContentKind" AS ENUM ('BLOG_POST', 'LANDING_PAGE', 'NEWSLETTER');
CREATE TYPE "ContentStatus" AS ENUM ('DRAFT', 'IN_REVIEW', 'APPROVED', 'PUBLISHED', 'ARCHIVED');
CREATE TYPE "MessageChannel" AS ENUM ('EMAIL', 'SMS', 'WHATSAPP', 'SLACK', 'DISCORD');
CREATE TYPE "MessageDirection" AS ENUM ('INBOUND', 'OUTBOUND');
CREATE TYPE "MessageStatus" AS ENUM ('RECEIVED', 'DRAFT', 'QUEUED', 'SENT', 'FAILED', 'SUPPRESSED', 'ESCALATED');
CREATE TYPE "ConversationStatus" AS ENUM ('OPEN', 'ANSWERED', 'ESCALATED', 'CLOSED');
CREATE TYPE "SocialNetwork" AS ENUM ('X', 'LINKEDIN', 'FACEBOOK', 'INSTAGRAM', 'TIKTOK', 'YOUTUBE');
CREATE TYPE "SocialPostStatus" AS ENUM ('DRAFT', 'AWAITING_APPROVAL', 'SCHEDULED', 'PUBLISHED', 'REJECTED', 'FAILED');
CREATE TYPE "ABTestStatus" AS ENUM ('RUNNING', 'DECIDED');
CREATE TYPE "EditorialStatus" AS ENUM ('PROPOSED', 'PLANNED', 'IN_PROGRESS', 'DONE', 'DROPPED');
CREATE TYPE "MarketingLeadStatus" AS ENUM ('NEW', 'ENGAGED', 'QUALIFIED', 'CUSTOMER', 'UNSUBSCRIBED');
CREATE TYPE "SuppressionReason" AS ENUM ('UNSUBSCRIBED', 'BOUNCED', 'COMPLAINED', 'OPTED_OUT', 'MANUAL');
CREATE TYPE "ConsentStatus" AS ENUM ('GRANTED', 'REVOKED');
CREATE TYPE "BudgetChangeStatus" AS ENUM ('PROPOSED', 'AWAITING_APPROVAL', 'APPROVED', 'APPLIED', 'REJECTED', 'FAILED');

-- AlterTable
ALTER TABLE "agent_runs" ADD COLUMN "campaign_id" UUID,
    ADD COLUMN "parent_run_id" UUID;

-- CreateTable
CREATE TABLE "agent_configs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "agent_name" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "model" TEXT,
    "temperature" DOUBLE PRECISION,
    "brand_id" UUID,
    "connections" JSONB NOT NULL DEFAULT '{}',
    "approval_policies" JSONB NOT NULL DEFAULT '{}',
    "prompt_hints" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "settings" JSONB NOT NULL DEFAULT '{}',
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "agent_configs_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "agent_config_changes" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "agent_name" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "run_id" UUID,
    "user_id" UUID,
    "field" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "reason" TEXT,
    "reverted_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agent_config_changes_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "campaigns" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "brand_id" UUID,
    "persona_id" UUID,
    "name" TEXT NOT NULL,
    "goal" TEXT NOT NULL,
    "channels" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "status" "CampaignStatus" NOT NULL DEFAULT 'DRAFT',
    "audience" JSONB NOT NULL DEFAULT '{}',
    "settings" JSONB NOT NULL DEFAULT '{}',
    "created_by_id" UUID,
    "launched_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "campaigns_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "campaign_metrics" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "campaign_id" UUID,
    "channel" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "subject_type" TEXT,
    "subject_id" UUID,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "campaign_metrics_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "contents" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "brand_id" UUID,
    "campaign_id" UUID,
    "run_id" UUID,
    "kind" "ContentKind" NOT NULL,
    "status" "ContentStatus" NOT NULL DEFAULT 'DRAFT',
    "title" TEXT NOT NULL,
    "brief" TEXT NOT NULL,
    "current_version" INTEGER NOT NULL DEFAULT 1,
    "voice_score" DOUBLE PRECISION,
    "deleted_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "contents_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "content_versions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "content_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "voice_score" DOUBLE PRECISION,
    "passages" JSONB NOT NULL DEFAULT '[]',
    "note" TEXT,
    "run_id" UUID,
    "user_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "content_versions_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "email_sequences" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "campaign_id" UUID,
    "run_id" UUID,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "steps" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "email_sequences_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "conversations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "channel" "MessageChannel" NOT NULL,
    "external_id" TEXT NOT NULL,
    "contact" TEXT NOT NULL,
    "subject" TEXT,
    "status" "ConversationStatus" NOT NULL DEFAULT 'OPEN',
    "last_message_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "conversations_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "messages" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "channel" "MessageChannel" NOT NULL,
    "direction" "MessageDirection" NOT NULL,
    "status" "MessageStatus" NOT NULL,
    "conversation_id" UUID,
    "campaign_id" UUID,
    "email_sequence_id" UUID,
    "sequence_step" INTEGER,
    "run_id" UUID,
    "dedupe_key" TEXT,
    "connector_key" TEXT,
    "to_address" TEXT,
    "from_address" TEXT,
    "subject" TEXT,
    "body" TEXT NOT NULL,
    "provider_message_id" TEXT,
    "encoding" TEXT,
    "segments" INTEGER,
    "confidence" DOUBLE PRECISION,
    "error" TEXT,
    "sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "messages_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "social_posts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "campaign_id" UUID,
    "content_id" UUID,
    "run_id" UUID,
    "network" "SocialNetwork" NOT NULL,
    "status" "SocialPostStatus" NOT NULL DEFAULT 'DRAFT',
    "body" TEXT NOT NULL,
    "title" TEXT,
    "media_url" TEXT,
    "publish_at" TIMESTAMPTZ(3),
    "published_at" TIMESTAMPTZ(3),
    "external_id" TEXT,
    "external_url" TEXT,
    "metrics" JSONB NOT NULL DEFAULT '{}',
    "metrics_synced_at" TIMESTAMPTZ(3),
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "social_posts_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "ab_tests" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "campaign_id" UUID,
    "email_sequence_id" UUID,
    "name" TEXT NOT NULL,
    "metric" TEXT NOT NULL DEFAULT 'open_rate',
    "variants" JSONB NOT NULL DEFAULT '[]',
    "status" "ABTestStatus" NOT NULL DEFAULT 'RUNNING',
    "winner" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ab_tests_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "keywords" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "brand_id" UUID,
    "term" CITEXT NOT NULL,
    "cluster" TEXT,
    "intent" TEXT,
    "impressions" INTEGER NOT NULL DEFAULT 0,
    "clicks" INTEGER NOT NULL DEFAULT 0,
    "ctr" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "position" DOUBLE PRECISION,
    "source" TEXT NOT NULL DEFAULT 'manual',
    "run_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "keywords_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "editorial_entries" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "brand_id" UUID,
    "keyword_id" UUID,
    "campaign_id" UUID,
    "run_id" UUID,
    "title" TEXT NOT NULL,
    "brief" TEXT,
    "format" TEXT NOT NULL,
    "channel" TEXT,
    "planned_for" DATE NOT NULL,
    "status" "EditorialStatus" NOT NULL DEFAULT 'PROPOSED',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "editorial_entries_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "marketing_leads" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "persona_id" UUID,
    "email" CITEXT,
    "phone" TEXT,
    "name" TEXT,
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "status" "MarketingLeadStatus" NOT NULL DEFAULT 'NEW',
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "marketing_leads_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "suppressions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "channel" "MessageChannel" NOT NULL,
    "address" CITEXT NOT NULL,
    "reason" "SuppressionReason" NOT NULL,
    "source" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "suppressions_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "consent_records" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "channel" "MessageChannel" NOT NULL,
    "address" CITEXT NOT NULL,
    "status" "ConsentStatus" NOT NULL,
    "source" TEXT NOT NULL,
    "evidence" TEXT,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "consent_records_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "insights" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "run_id" UUID,
    "topic" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "networks" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "sources" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "insights_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "budget_changes" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "run_id" UUID,
    "connector_key" TEXT NOT NULL DEFAULT 'google_ads',
    "customer_id" TEXT NOT NULL,
    "external_campaign_id" TEXT NOT NULL,
    "campaign_name" TEXT,
    "before_micros" BIGINT NOT NULL,
    "after_micros" BIGINT NOT NULL,
    "change_percent" DOUBLE PRECISION NOT NULL,
    "status" "BudgetChangeStatus" NOT NULL,
    "reason" TEXT,
    "approval_id" UUID,
    "applied_at" TIMESTAMPTZ(3),
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "budget_changes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "agent_runs_campaign_id_created_at_idx" ON "agent_runs"("campaign_id", "created_at") WHERE "campaign_id" IS NOT NULL;
CREATE INDEX "agent_runs_parent_run_id_idx" ON "agent_runs"("parent_run_id") WHERE "parent_run_id" IS NOT NULL;
CREATE UNIQUE INDEX "agent_configs_organization_id_agent_name_key" ON "agent_configs"("organization_id", "agent_name");
CREATE INDEX "agent_configs_brand_id_idx" ON "agent_configs"("brand_id");
CREATE INDEX "agent_config_changes_organization_id_agent_name_created_at_idx" ON "agent_config_changes"("organization_id", "agent_name", "created_at");
CREATE INDEX "campaigns_organization_id_created_at_id_idx" ON "campaigns"("organization_id", "created_at" DESC, "id");
CREATE INDEX "campaigns_organization_id_status_created_at_idx" ON "campaigns"("organization_id", "status", "created_at");
CREATE INDEX "campaigns_brand_id_idx" ON "campaigns"("brand_id");
CREATE INDEX "campaigns_persona_id_idx" ON "campaigns"("persona_id");
CREATE INDEX "campaign_metrics_campaign_id_kind_occurred_at_idx" ON "campaign_metrics"("campaign_id", "kind", "occurred_at");
CREATE INDEX "campaign_metrics_organization_id_kind_occurred_at_idx" ON "campaign_metrics"("organization_id", "kind", "occurred_at");
CREATE INDEX "campaign_metrics_subject_id_idx" ON "campaign_metrics"("subject_id");
CREATE INDEX "contents_organization_id_created_at_id_idx" ON "contents"("organization_id", "created_at" DESC, "id");
CREATE INDEX "contents_organization_id_status_created_at_idx" ON "contents"("organization_id", "status", "created_at");
CREATE INDEX "contents_campaign_id_idx" ON "contents"("campaign_id");
CREATE INDEX "contents_brand_id_idx" ON "contents"("brand_id");
CREATE INDEX "contents_run_id_idx" ON "contents"("run_id");
CREATE UNIQUE INDEX "content_versions_content_id_version_key" ON "content_versions"("content_id", "version");
CREATE INDEX "content_versions_organization_id_idx" ON "content_versions"("organization_id");
CREATE INDEX "email_sequences_organization_id_created_at_idx" ON "email_sequences"("organization_id", "created_at");
CREATE INDEX "email_sequences_campaign_id_idx" ON "email_sequences"("campaign_id");
CREATE INDEX "email_sequences_run_id_idx" ON "email_sequences"("run_id");
CREATE UNIQUE INDEX "conversations_organization_id_channel_external_id_key" ON "conversations"("organization_id", "channel", "external_id");
CREATE INDEX "conversations_organization_id_last_message_at_id_idx" ON "conversations"("organization_id", "last_message_at" DESC, "id");
CREATE INDEX "conversations_organization_id_status_last_message_at_idx" ON "conversations"("organization_id", "status", "last_message_at");
CREATE UNIQUE INDEX "messages_organization_id_dedupe_key_key" ON "messages"("organization_id", "dedupe_key");
CREATE INDEX "messages_conversation_id_created_at_idx" ON "messages"("conversation_id", "created_at");
CREATE INDEX "messages_organization_id_created_at_idx" ON "messages"("organization_id", "created_at");
CREATE INDEX "messages_campaign_id_created_at_idx" ON "messages"("campaign_id", "created_at");
CREATE INDEX "messages_email_sequence_id_idx" ON "messages"("email_sequence_id");
CREATE INDEX "messages_run_id_idx" ON "messages"("run_id");
CREATE UNIQUE INDEX "social_posts_organization_id_network_external_id_key" ON "social_posts"("organization_id", "network", "external_id");
CREATE INDEX "social_posts_organization_id_created_at_id_idx" ON "social_posts"("organization_id", "created_at" DESC, "id");
CREATE INDEX "social_posts_organization_id_status_published_at_idx" ON "social_posts"("organization_id", "status", "published_at");
CREATE INDEX "social_posts_campaign_id_idx" ON "social_posts"("campaign_id");
CREATE INDEX "social_posts_content_id_idx" ON "social_posts"("content_id");
CREATE INDEX "social_posts_run_id_idx" ON "social_posts"("run_id");
CREATE INDEX "ab_tests_organization_id_created_at_idx" ON "ab_tests"("organization_id", "created_at");
CREATE INDEX "ab_tests_campaign_id_idx" ON "ab_tests"("campaign_id");
CREATE INDEX "ab_tests_email_sequence_id_idx" ON "ab_tests"("email_sequence_id");
CREATE UNIQUE INDEX "keywords_organization_id_term_key" ON "keywords"("organization_id", "term");
CREATE INDEX "keywords_organization_id_cluster_idx" ON "keywords"("organization_id", "cluster");
CREATE INDEX "keywords_brand_id_idx" ON "keywords"("brand_id");
CREATE INDEX "editorial_entries_organization_id_planned_for_id_idx" ON "editorial_entries"("organization_id", "planned_for", "id");
CREATE INDEX "editorial_entries_organization_id_status_planned_for_idx" ON "editorial_entries"("organization_id", "status", "planned_for");
CREATE INDEX "editorial_entries_keyword_id_idx" ON "editorial_entries"("keyword_id");
CREATE INDEX "editorial_entries_brand_id_idx" ON "editorial_entries"("brand_id");
CREATE INDEX "editorial_entries_campaign_id_idx" ON "editorial_entries"("campaign_id");
CREATE UNIQUE INDEX "marketing_leads_organization_id_email_key" ON "marketing_leads"("organization_id", "email");
CREATE UNIQUE INDEX "marketing_leads_organization_id_phone_key" ON "marketing_leads"("organization_id", "phone");
CREATE INDEX "marketing_leads_organization_id_status_idx" ON "marketing_leads"("organization_id", "status");
CREATE INDEX "marketing_leads_organization_id_created_at_id_idx" ON "marketing_leads"("organization_id", "created_at" DESC, "id");
CREATE INDEX "marketing_leads_persona_id_idx" ON "marketing_leads"("persona_id");
CREATE UNIQUE INDEX "suppressions_organization_id_channel_address_key" ON "suppressions"("organization_id", "channel", "address");
CREATE INDEX "suppressions_organization_id_created_at_id_idx" ON "suppressions"("organization_id", "created_at" DESC, "id");
CREATE INDEX "consent_records_organization_id_channel_address_recorded_at_idx" ON "consent_records"("organization_id", "channel", "address", "recorded_at");
CREATE INDEX "insights_organization_id_created_at_id_idx" ON "insights"("organization_id", "created_at" DESC, "id");
CREATE INDEX "insights_run_id_idx" ON "insights"("run_id");
CREATE INDEX "budget_changes_organization_id_created_at_idx" ON "budget_changes"("organization_id", "created_at");
CREATE INDEX "budget_changes_organization_id_status_idx" ON "budget_changes"("organization_id", "status");
CREATE INDEX "budget_changes_run_id_idx" ON "budget_changes"("run_id");

-- AddForeignKey
ALTER TABLE "agent_runs" ADD CONSTRAINT "agent_runs_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "agent_runs" ADD CONSTRAINT "agent_runs_parent_run_id_fkey" FOREIGN KEY ("parent_run_id") REFERENCES "agent_runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "agent_configs" ADD CONSTRAINT "agent_configs_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "agent_configs" ADD CONSTRAINT "agent_configs_brand_id_fkey" FOREIGN KEY ("brand_id") REFERENCES "brands"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "agent_config_changes" ADD CONSTRAINT "agent_config_changes_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_brand_id_fkey" FOREIGN KEY ("brand_id") REFERENCES "brands"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_persona_id_fkey" FOREIGN KEY ("persona_id") REFERENCES "personas"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "campaign_metrics" ADD CONSTRAINT "campaign_metrics_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "campaign_metrics" ADD CONSTRAINT "campaign_metrics_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "contents" ADD CONSTRAINT "contents_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "contents" ADD CONSTRAINT "contents_brand_id_fkey" FOREIGN KEY ("brand_id") REFERENCES "brands"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "contents" ADD CONSTRAINT "contents_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "content_versions" ADD CONSTRAINT "content_versions_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "content_versions" ADD CONSTRAINT "content_versions_content_id_fkey" FOREIGN KEY ("content_id") REFERENCES "contents"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "email_sequences" ADD CONSTRAINT "email_sequences_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "email_sequences" ADD CONSTRAINT "email_sequences_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "messages" ADD CONSTRAINT "messages_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "messages" ADD CONSTRAINT "messages_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "messages" ADD CONSTRAINT "messages_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "messages" ADD CONSTRAINT "messages_email_sequence_id_fkey" FOREIGN KEY ("email_sequence_id") REFERENCES "email_sequences"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "social_posts" ADD CONSTRAINT "social_posts_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "social_posts" ADD CONSTRAINT "social_posts_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "social_posts" ADD CONSTRAINT "social_posts_content_id_fkey" FOREIGN KEY ("content_id") REFERENCES "contents"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "ab_tests" ADD CONSTRAINT "ab_tests_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ab_tests" ADD CONSTRAINT "ab_tests_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "ab_tests" ADD CONSTRAINT "ab_tests_email_sequence_id_fkey" FOREIGN KEY ("email_sequence_id") REFERENCES "email_sequences"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "keywords" ADD CONSTRAINT "keywords_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "keywords" ADD CONSTRAINT "keywords_brand_id_fkey" FOREIGN KEY ("brand_id") REFERENCES "brands"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "editorial_entries" ADD CONSTRAINT "editorial_entries_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "editorial_entries" ADD CONSTRAINT "editorial_entries_brand_id_fkey" FOREIGN KEY ("brand_id") REFERENCES "brands"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "editorial_entries" ADD CONSTRAINT "editorial_entries_keyword_id_fkey" FOREIGN KEY ("keyword_id") REFERENCES "keywords"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "editorial_entries" ADD CONSTRAINT "editorial_entries_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "marketing_leads" ADD CONSTRAINT "marketing_leads_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "marketing_leads" ADD CONSTRAINT "marketing_leads_persona_id_fkey" FOREIGN KEY ("persona_id") REFERENCES "personas"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "suppressions" ADD CONSTRAINT "suppressions_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "insights" ADD CONSTRAINT "insights_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "budget_changes" ADD CONSTRAINT "budget_changes_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
