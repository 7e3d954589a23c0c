// The Worker: lists the products in its D1 database.
export default {
  async fetch(request, env) {
    const { results } = await env.DB.prepare("SELECT id, name FROM products ORDER BY id").all();
    return Response.json(results);
  },
};
