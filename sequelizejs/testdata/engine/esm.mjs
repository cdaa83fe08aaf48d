export async function up(queryInterface) {
  class A { x = 1; static y = 2; #z = 3; get z() { return this.#z; } }
  const a = new A();
  return queryInterface.record(`${a.x}${A.y}${a.z}`);
}
export default { up };
