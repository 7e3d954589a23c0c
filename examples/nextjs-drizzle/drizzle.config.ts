import { defineConfig } from "drizzle-kit";

// The app's database: DATABASE_URL, which wt sets per worktree (wt db migrate, wt run).
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/schema.ts",
  out: "./drizzle",
  dbCredentials: { url: process.env.DATABASE_URL! },
});
