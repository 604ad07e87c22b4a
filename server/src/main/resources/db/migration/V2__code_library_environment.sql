-- The code library (seed 004's 代码库管理): an entry may name the environment it runs in
-- (seed 004's UserEnvironment; not checked against it yet), and public entries are listed by user.
ALTER TABLE code_library ADD COLUMN environment_id BIGINT;
CREATE INDEX code_library_public ON code_library (is_public, user_id);
