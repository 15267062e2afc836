const net = require('node:net');
const counts = { pg: 0, pgBytes: 0, other: 0 };
const orig = net.Socket.prototype.write;
net.Socket.prototype.write = function (chunk, ...rest) {
  if (this.remotePort === 5432) { counts.pg++; counts.pgBytes += chunk.length ?? 0; } else counts.other++;
  return orig.call(this, chunk, ...rest);
};
process.on('exit', () => console.error('WRITES', JSON.stringify(counts)));
process.on('SIGINT', () => process.exit(0));
