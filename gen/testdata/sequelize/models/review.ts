import { Table, Column, Model, DataType, ForeignKey, BelongsTo, AllowNull } from 'sequelize-typescript';
import { Product } from './product';

@Table({ tableName: 'reviews', underscored: true })
export class Review extends Model {
  @AllowNull(false)
  @Column(DataType.INTEGER)
  declare stars: number;

  @Column(DataType.TEXT)
  declare body: string;

  @ForeignKey(() => Product)
  @AllowNull(false)
  @Column(DataType.INTEGER)
  declare productId: number;

  @BelongsTo(() => Product)
  declare product: Product;
}
