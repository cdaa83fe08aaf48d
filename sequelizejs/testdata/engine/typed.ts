import { QueryInterface } from 'sequelize';
interface Opts { name: string }
export default {
  up: async (queryInterface: QueryInterface & { record(s: string): Promise<string> }): Promise<string> => {
    const o: Opts = { name: 'ts' };
    return queryInterface.record(o.name as string);
  },
};
