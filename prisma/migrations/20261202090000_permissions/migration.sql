-- Permissions: API keys narrowed to part of their owner's permissions, the four built-in roles
-- in every organization, and emailed invitations to join one.

-- AlterTable
ALTER TABLE "api_keys" ADD COLUMN "permissions" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "member_invitations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "email" CITEXT NOT NULL,
    "role" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "invited_by_user_id" UUID,
    "delivered_via" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "accepted_at" TIMESTAMPTZ(3),
    "accepted_user_id" UUID,
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "member_invitations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "member_invitations_token_hash_key" ON "member_invitations"("token_hash");
CREATE INDEX "member_invitations_organization_id_created_at_idx" ON "member_invitations"("organization_id", "created_at");
CREATE INDEX "member_invitations_organization_id_email_idx" ON "member_invitations"("organization_id", "email");
CREATE INDEX "member_invitations_invited_by_user_id_idx" ON "member_invitations"("invited_by_user_id");
CREATE INDEX "member_invitations_accepted_user_id_idx" ON "member_invitations"("accepted_user_id");

-- AddForeignKey
ALTER TABLE "member_invitations" ADD CONSTRAINT "member_invitations_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "member_invitations" ADD CONSTRAINT "member_invitations_invited_by_user_id_fkey" FOREIGN KEY ("invited_by_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "member_invitations" ADD CONSTRAINT "member_invitations_accepted_user_id_fkey" FOREIGN KEY ("accepted_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The built-in roles take their permissions from the code's table (so a new permission reaches
-- them without a migration); their stored list stays empty.
INSERT INTO "organization_roles" ("organization_id", "name", "permissions")
SELECT o."id", r."name", ARRAY[]::TEXT[]
FROM "organizations" o CROSS JOIN (VALUES ('owner'), ('admin'), ('member'), ('viewer')) AS r("name")
ON CONFLICT ("organization_id", "name") DO NOTHING;

-- Until now every member was an admin; each organization's first admin becomes its owner, so
-- every organization has someone who may make or remove owners.
UPDATE "organization_memberships" m
SET "role_id" = owner_role."id"
FROM "organization_roles" owner_role
WHERE owner_role."organization_id" = m."organization_id" AND owner_role."name" = 'owner'
  AND m."id" = (
    SELECT first_admin."id" FROM "organization_memberships" first_admin
    JOIN "organization_roles" r ON r."id" = first_admin."role_id"
    WHERE first_admin."organization_id" = m."organization_id" AND r."name" = 'admin'
    ORDER BY first_admin."created_at", first_admin."id" LIMIT 1
  )
  AND NOT EXISTS (
    SELECT 1 FROM "organization_memberships" o JOIN "organization_roles" r ON r."id" = o."role_id"
    WHERE o."organization_id" = m."organization_id" AND r."name" = 'owner'
  );
