INSERT INTO products (name) VALUES ('kettle'), ('teapot');
