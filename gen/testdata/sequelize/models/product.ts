import { Table, Column, Model, DataType, PrimaryKey, AutoIncrement, AllowNull, Unique, Default, HasMany, BelongsToMany } from 'sequelize-typescript';
import { Review } from './review';
import { Tag } from './tag';
import { ProductTag } from './product_tag';

@Table({ tableName: 'products' })
export class Product extends Model {
  @PrimaryKey
  @AutoIncrement
  @Column(DataType.INTEGER)
  declare id: number;

  @AllowNull(false)
  @Unique
  @Column(DataType.STRING(40))
  declare sku: string;

  @AllowNull(false)
  @Column(DataType.STRING)
  declare name: string;

  @Default(0)
  @AllowNull(false)
  @Column(DataType.INTEGER)
  declare stock: number;

  @HasMany(() => Review)
  declare reviews: Review[];

  @BelongsToMany(() => Tag, () => ProductTag)
  declare tags: Tag[];
}
