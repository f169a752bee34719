-- Model usage on runs and steps, the monthly token budget, brands, knowledge and agent memory.
-- Vectors are vector(1536); a model with fewer dimensions is zero-padded (cosine is unchanged),
-- and EmbeddingSpace says which model made a vector so vectors of two models are never compared.

-- CreateEnum
CREATE TYPE "DocumentSource" AS ENUM ('URL', 'TEXT', 'FILE');

-- CreateEnum
CREATE TYPE "DocumentStatus" AS ENUM ('PENDING', 'FETCHING', 'NORMALIZING', 'EMBEDDING', 'READY', 'FAILED');

-- AlterTable
ALTER TABLE "organizations" ADD COLUMN "monthly_token_budget" BIGINT;

-- AlterTable
ALTER TABLE "agent_runs" ADD COLUMN "input_tokens" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "output_tokens" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "cost_usd" DECIMAL(14,6) NOT NULL DEFAULT 0,
ADD COLUMN "unpriced_calls" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "tool_executions" ADD COLUMN "provider" TEXT,
ADD COLUMN "model" TEXT,
ADD COLUMN "input_tokens" INTEGER,
ADD COLUMN "output_tokens" INTEGER,
ADD COLUMN "cost_usd" DECIMAL(14,6);

-- CreateTable
CREATE TABLE "embedding_spaces" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "provider" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "dimensions" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "embedding_spaces_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "brands" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "website" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "brands_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "brand_voices" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "brand_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "is_default" BOOLEAN NOT NULL DEFAULT false,
    "tone" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "audience" TEXT,
    "do_rules" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "dont_rules" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "banned_words" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "required_elements" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "min_length" INTEGER,
    "max_length" INTEGER,
    "examples" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "embedding" vector(1536),
    "embedding_space_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "brand_voices_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "personas" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "brand_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "goals" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "pain_points" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "channels" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "personas_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "datasets" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "brand_id" UUID,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "datasets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "documents" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "dataset_id" UUID NOT NULL,
    "title" TEXT,
    "source" "DocumentSource" NOT NULL,
    "source_url" TEXT,
    "file_name" TEXT,
    "mime_type" TEXT,
    "raw_content" BYTEA,
    "text" TEXT,
    "content_hash" TEXT,
    "status" "DocumentStatus" NOT NULL DEFAULT 'PENDING',
    "version" INTEGER NOT NULL DEFAULT 0,
    "error_class" TEXT,
    "error_message" TEXT,
    "chunk_count" INTEGER NOT NULL DEFAULT 0,
    "embedding_tokens" INTEGER NOT NULL DEFAULT 0,
    "embedding_space_id" UUID,
    "ready_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "documents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "chunks" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "dataset_id" UUID NOT NULL,
    "document_id" UUID NOT NULL,
    "document_version" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "token_count" INTEGER NOT NULL,
    "embedding" vector(1536),
    "embedding_space_id" UUID,
    "search_vector" tsvector,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "chunks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agent_memories" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "agent_id" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "embedding" vector(1536),
    "embedding_space_id" UUID,
    "search_vector" tsvector,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agent_memories_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "embedding_spaces_provider_model_dimensions_key" ON "embedding_spaces"("provider", "model", "dimensions");

-- CreateIndex
CREATE UNIQUE INDEX "brands_organization_id_name_key" ON "brands"("organization_id", "name");

-- CreateIndex
CREATE INDEX "brand_voices_organization_id_brand_id_idx" ON "brand_voices"("organization_id", "brand_id");

-- CreateIndex
CREATE INDEX "brand_voices_embedding_space_id_idx" ON "brand_voices"("embedding_space_id");

-- CreateIndex
CREATE UNIQUE INDEX "brand_voices_brand_id_name_key" ON "brand_voices"("brand_id", "name");

-- CreateIndex
CREATE INDEX "personas_organization_id_brand_id_idx" ON "personas"("organization_id", "brand_id");

-- CreateIndex
CREATE UNIQUE INDEX "personas_brand_id_name_key" ON "personas"("brand_id", "name");

-- CreateIndex
CREATE INDEX "datasets_brand_id_idx" ON "datasets"("brand_id");

-- CreateIndex
CREATE UNIQUE INDEX "datasets_organization_id_name_key" ON "datasets"("organization_id", "name");

-- CreateIndex
CREATE INDEX "documents_organization_id_dataset_id_created_at_idx" ON "documents"("organization_id", "dataset_id", "created_at");

-- CreateIndex
CREATE INDEX "documents_dataset_id_idx" ON "documents"("dataset_id");

-- CreateIndex
CREATE INDEX "documents_embedding_space_id_idx" ON "documents"("embedding_space_id");

-- CreateIndex
CREATE INDEX "chunks_organization_id_dataset_id_idx" ON "chunks"("organization_id", "dataset_id");

-- CreateIndex
CREATE INDEX "chunks_dataset_id_idx" ON "chunks"("dataset_id");

-- CreateIndex
CREATE INDEX "chunks_embedding_space_id_idx" ON "chunks"("embedding_space_id");

-- CreateIndex
CREATE UNIQUE INDEX "chunks_document_id_document_version_position_key" ON "chunks"("document_id", "document_version", "position");

-- CreateIndex
CREATE INDEX "agent_memories_organization_id_agent_id_created_at_idx" ON "agent_memories"("organization_id", "agent_id", "created_at");

-- CreateIndex
CREATE INDEX "agent_memories_agent_id_idx" ON "agent_memories"("agent_id");

-- CreateIndex
CREATE INDEX "agent_memories_embedding_space_id_idx" ON "agent_memories"("embedding_space_id");

-- Vector and full-text indexes (Prisma cannot declare them; the drift check knows them).
-- HNSW with cosine distance: with pgvector 0.8 iterative scans a filtered query (one
-- organization's rows) keeps scanning the graph until it has k rows that pass the filter.
CREATE INDEX "chunks_embedding_hnsw_idx" ON "chunks" USING hnsw ("embedding" vector_cosine_ops);
CREATE INDEX "chunks_search_vector_gin_idx" ON "chunks" USING gin ("search_vector");
CREATE INDEX "agent_memories_embedding_hnsw_idx" ON "agent_memories" USING hnsw ("embedding" vector_cosine_ops);
CREATE INDEX "agent_memories_search_vector_gin_idx" ON "agent_memories" USING gin ("search_vector");

-- AddForeignKey
ALTER TABLE "brands" ADD CONSTRAINT "brands_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "brand_voices" ADD CONSTRAINT "brand_voices_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "brand_voices" ADD CONSTRAINT "brand_voices_brand_id_fkey" FOREIGN KEY ("brand_id") REFERENCES "brands"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "brand_voices" ADD CONSTRAINT "brand_voices_embedding_space_id_fkey" FOREIGN KEY ("embedding_space_id") REFERENCES "embedding_spaces"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "personas" ADD CONSTRAINT "personas_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "personas" ADD CONSTRAINT "personas_brand_id_fkey" FOREIGN KEY ("brand_id") REFERENCES "brands"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "datasets" ADD CONSTRAINT "datasets_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "datasets" ADD CONSTRAINT "datasets_brand_id_fkey" FOREIGN KEY ("brand_id") REFERENCES "brands"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "documents" ADD CONSTRAINT "documents_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "documents" ADD CONSTRAINT "documents_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "documents" ADD CONSTRAINT "documents_embedding_space_id_fkey" FOREIGN KEY ("embedding_space_id") REFERENCES "embedding_spaces"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "chunks" ADD CONSTRAINT "chunks_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "chunks" ADD CONSTRAINT "chunks_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "chunks" ADD CONSTRAINT "chunks_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "chunks" ADD CONSTRAINT "chunks_embedding_space_id_fkey" FOREIGN KEY ("embedding_space_id") REFERENCES "embedding_spaces"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_memories" ADD CONSTRAINT "agent_memories_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_memories" ADD CONSTRAINT "agent_memories_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_memories" ADD CONSTRAINT "agent_memories_embedding_space_id_fkey" FOREIGN KEY ("embedding_space_id") REFERENCES "embedding_spaces"("id") ON DELETE SET NULL ON UPDATE CASCADE;
