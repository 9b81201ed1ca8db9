/**
 * The engine commands: assess, eval, train, and the model file they read.
 */
export { engineAssessor } from './engine.js';
export { modelFromEnvironment, readModelFile } from './model-file.js';
