/** The server's JSON shapes (snake_case, as the API answers them). */

export interface User {
  id: number;
  username: string;
  email: string;
  full_name: string | null;
  is_active: boolean;
  is_admin: boolean;
  user_level: number;
  created_at: string;
}

export interface Language {
  id: string;
  name: string;
  version: string;
  aliases: string[];
  extensions: string[];
  file_name: string;
  compiled: boolean;
  preview: boolean;
}

export interface Template {
  language: string;
  file_name: string;
  code: string;
}

export type RunStatus =
  | 'OK'
  | 'COMPILE_ERROR'
  | 'RUNTIME_ERROR'
  | 'TIME_LIMIT'
  | 'MEMORY_LIMIT'
  | 'OUTPUT_LIMIT'
  | 'KILLED'
  | 'INTERNAL_ERROR';

export interface Execution {
  id: number;
  user_id: number;
  code: string;
  result: string | null;
  status: RunStatus;
  execution_time: number;
  memory_usage: number;
  created_at: string;
  is_api_call: boolean;
  code_library_id: number | null;
  language: string;
  exit_code: number | null;
  signal: number | null;
  stdout: string | null;
  stderr: string | null;
  compile_output: string | null;
  cpu_time: number;
  reason: string | null;
  /** In a list of runs: an output was cut to its first 2,048 characters; GET /executions/{id} has it whole. */
  truncated?: boolean;
}

export interface CodeEntry {
  id: number;
  user_id: number;
  title: string;
  description: string | null;
  code: string;
  language: string;
  is_public: boolean;
  tags: string[];
  created_at: string;
  updated_at: string;
}

export interface ApiKeyInfo {
  id: number;
  key_name: string;
  key_prefix: string;
  scopes: string[];
  is_active: boolean;
  created_at: string;
  expires_at: string | null;
  last_used: string | null;
  usage_count: number;
}

export interface ApiKeyCreated extends ApiKeyInfo {
  api_key: string;
}

export interface Author {
  id: number;
  username: string;
  full_name: string | null;
}

export interface Post {
  id: number;
  user_id: number;
  author: Author;
  title: string;
  content: string;
  content_html: string;
  code_snippet: string | null;
  code_language: string | null;
  tags: string[];
  is_public: boolean;
  like_count: number;
  favorite_count: number;
  comment_count: number;
  liked: boolean;
  favorited: boolean;
  created_at: string;
  updated_at: string;
}

export interface PostList {
  posts: Post[];
  total: number;
  skip: number;
  limit: number;
}

export interface Comment {
  id: number;
  post_id: number;
  user_id: number;
  author: Author;
  content: string;
  content_html: string;
  parent_id: number | null;
  like_count: number;
  liked: boolean;
  created_at: string;
  replies: Comment[];
}

export interface UserProfile {
  id: number;
  username: string;
  full_name: string | null;
  created_at: string;
  follower_count: number;
  following_count: number;
  post_count: number;
}

export interface Profile {
  id: number;
  username: string;
  email: string;
  full_name: string | null;
  bio: string | null;
  avatar_url: string | null;
  website: string | null;
  location: string | null;
  github: string | null;
  profile_public: boolean;
  show_email: boolean;
  user_level: number;
  is_admin: boolean;
  created_at: string;
}

export interface Tier {
  name: string;
  daily_executions: number;
  daily_api_calls: number;
  timeout_seconds: number;
  memory_mb: number;
  max_saved_codes: number;
  max_api_keys: number;
}

export interface LogEntry {
  id: number;
  user_id: number | null;
  username: string | null;
  action: string;
  resource_type: string | null;
  resource_id: string | null;
  details: string | null;
  ip_address: string | null;
  user_agent: string | null;
  status: string;
  created_at: string;
}
