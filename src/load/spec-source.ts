/** A spec file's text, named as the user named it (directory + relative path). */
export interface SpecSource {
  file: string;
  text: string;
}
