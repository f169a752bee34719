-- Searched vectors stored inside their row instead of out of line in the TOAST table.
--
-- A vector(1536) is 6 kB, past the 2 kB at which Postgres moves a value out of line (pgvector's
-- default storage is EXTERNAL), so every distance an exact search computes first fetches the
-- vector's four TOAST chunks through the TOAST index: about 10 us per row. With MAIN, the vector is
-- moved out only if the row would not fit a page otherwise (text and search_vector go first),
-- and reading it is reading its row: about 2 us per row. An exact search of a 5,000-row tenant
-- drops from about 50 ms to about 11 ms (npm run bench:knowledge). HNSW indexes keep their own copy
-- of each vector and are unaffected. Affects rows written from now on; these tables are new.
ALTER TABLE "chunks" ALTER COLUMN "embedding" SET STORAGE MAIN;
ALTER TABLE "agent_memories" ALTER COLUMN "embedding" SET STORAGE MAIN;
