import { Table, Column, Model, DataType, ForeignKey, PrimaryKey } from 'sequelize-typescript';
import { Product } from './product';
import { Tag } from './tag';

@Table({ tableName: 'product_tags', timestamps: false })
export class ProductTag extends Model {
  @PrimaryKey
  @ForeignKey(() => Product)
  @Column(DataType.INTEGER)
  declare productId: number;

  @PrimaryKey
  @ForeignKey(() => Tag)
  @Column(DataType.INTEGER)
  declare tagId: number;
}
