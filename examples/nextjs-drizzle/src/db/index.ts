import { drizzle } from "drizzle-orm/node-postgres";
import * as schema from "./schema";
import * as analytics from "./analytics-schema";

export const db = drizzle(process.env.DATABASE_URL!, { schema });
export const analyticsDb = drizzle(process.env.ANALYTICS_DATABASE_URL!, { schema: analytics });
