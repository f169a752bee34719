-- Full-text indexes of chunks and agent memories updated in place on insert (no logical change:
-- the drift check does not read index options).
--
-- With GIN's default fast update, inserts queue in a pending list (up to gin_pending_list_limit,
-- 4 MB) that every search reads in full until a vacuum merges it into the index: after ingesting
-- 1,500 chunks, a two-word query read 400 pending-list pages, 5 ms instead of 0.25 ms
-- (npm run bench:knowledge). Intake writes a document's chunks in one statement, where updating
-- the index in place costs little.
ALTER INDEX "chunks_search_vector_gin_idx" SET (fastupdate = off);
ALTER INDEX "agent_memories_search_vector_gin_idx" SET (fastupdate = off);
