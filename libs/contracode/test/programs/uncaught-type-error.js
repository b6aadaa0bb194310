/* eslint-disable */
const config = { server: { port: 80 } };
console.log(config.server.port);
const handler = config.server.handler;
handler();
