import { db } from "@/db";
import { users } from "@/db/schema";

export default async function Home() {
  const all = await db.select().from(users);
  return <main><h1>{process.env.NEXT_PUBLIC_APP_NAME}</h1><p>{all.length} users</p></main>;
}
