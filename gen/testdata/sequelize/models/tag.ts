import { Table, Column, Model, DataType, AllowNull, Unique, BelongsToMany } from 'sequelize-typescript';
import { Product } from './product';
import { ProductTag } from './product_tag';

@Table({ tableName: 'tags', timestamps: false })
export class Tag extends Model {
  @AllowNull(false)
  @Unique
  @Column(DataType.STRING(30))
  declare label: string;

  @BelongsToMany(() => Product, () => ProductTag)
  declare products: Product[];
}
