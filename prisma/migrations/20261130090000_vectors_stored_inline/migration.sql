-- Search-friendly physical storage for chunks and agent memories (no logical change: the drift
-- check reads neither column storage nor index options). Figures from `npm run bench:knowledge`.

-- Vectors inside their row instead of out of line in the TOAST table. A vector(1536) is 6 kB,
-- past the 2 kB at which Postgres moves a value out of line (pgvector's default storage is
-- EXTERNAL), so every distance an exact search computes first fetches the vector's four TOAST
-- chunks through the TOAST index: about 10 us per row. With MAIN, the vector is moved out only if
-- the row would not fit a page otherwise (text and search_vector go first), and reading it is
-- reading its row: about 2.7 us per row. An exact search of a 4,900-row tenant (of 100,000 rows)
-- took 40 ms with TOAST, 11 ms inline. HNSW indexes keep their own copy of each vector.
-- Applies to rows written from now on; these tables are new.
ALTER TABLE "chunks" ALTER COLUMN "embedding" SET STORAGE MAIN;
ALTER TABLE "agent_memories" ALTER COLUMN "embedding" SET STORAGE MAIN;

-- Full-text indexes updated in place on insert. With GIN's default fast update, inserts queue in
-- a pending list (up to 4 MB) that every search reads in full until a vacuum merges it: after
-- ingesting 1,500 chunks, a two-word query read 400 pending-list pages, 5 ms instead of 0.25 ms.
-- Intake writes a document's chunks in one statement, where the in-place update costs little.
ALTER INDEX "chunks_search_vector_gin_idx" SET (fastupdate = off);
ALTER INDEX "agent_memories_search_vector_gin_idx" SET (fastupdate = off);
