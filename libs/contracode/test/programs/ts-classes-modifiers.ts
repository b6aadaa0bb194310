abstract class Animal {
  protected readonly sound: string;
  private static count = 0;
  constructor(public readonly name: string, sound: string) {
    this.sound = sound;
    Animal.count++;
  }
  abstract legs(): number;
  describe(): string {
    return `${this.name} says ${this.sound} on ${this.legs()} legs`;
  }
  static get created(): number {
    return Animal.count;
  }
}
class Bird extends Animal {
  constructor(name: string) {
    super(name, 'tweet');
  }
  legs(): number {
    return 2;
  }
}
class Cat extends Animal {
  constructor(name: string, private lives = 9) {
    super(name, 'meow');
  }
  legs(): number {
    return 4;
  }
  override describe(): string {
    return super.describe() + ` with ${this.lives} lives`;
  }
}
const zoo: Animal[] = [new Bird('Tweety'), new Cat('Tom')];
console.log(zoo.map((a) => a.describe()).join('; '), Animal.created);
