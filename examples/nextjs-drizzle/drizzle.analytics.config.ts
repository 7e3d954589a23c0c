import { defineConfig } from "drizzle-kit";

// The second database: wt names its variable ANALYTICS_DATABASE_URL (<NAME>_DATABASE_URL).
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/analytics-schema.ts",
  out: "./drizzle-analytics",
  dbCredentials: { url: process.env.ANALYTICS_DATABASE_URL! },
});
