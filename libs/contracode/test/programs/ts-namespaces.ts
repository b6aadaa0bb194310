/* eslint-disable */
namespace Geometry {
  export const unit = 1;
  export function scale(v: number, factor = 2): number {
    return v * factor * unit;
  }
  export namespace Inner {
    export const label = 'inner';
  }
}
console.log(Geometry.scale(5), Geometry.scale(5, 3), Geometry.Inner.label, typeof Geometry);
